import { test } from "node:test";
import assert from "node:assert/strict";
import { dreadditPosts, loadDreaddit, parseDreaddit } from "../../lib/data/dreaddit";
import { DataError } from "../../lib/errors";
import { fixture, SHARED_DATA, skipWithoutSharedData } from "./helpers";

test("Dreaddit fixture: columns read by name in both files", () => {
  const segments = loadDreaddit({ directory: fixture() });
  assert.equal(segments.length, 7);
  const train = segments[2];
  assert.deepEqual(
    [train.postId, train.subreddit, train.sentenceRange, train.text, train.label, train.confidence, train.id, train.split],
    ["p2", "ptsd", [0, 5], 'Only part of the second post, with a "quote".', 1, 0.6, "12", "train"],
  );
  const test = segments[4];
  assert.deepEqual(
    [test.postId, test.subreddit, test.sentenceRange, test.text, test.label, test.confidence, test.id, test.split],
    ["p3", "relationships", [0, 5], "Test post, one segment.", 0, 1, "20", "test"],
  );
});

test("Dreaddit posts: segments grouped by post_id in range order, gaps marked, labels kept", () => {
  const posts = dreadditPosts({ directory: fixture() });
  assert.deepEqual(posts.map((post) => post.id), ["dreaddit:p1", "dreaddit:p2", "dreaddit:p3", "dreaddit:p4"]);
  const [first, second, , fourth] = posts;
  assert.equal(first.text, "First part of the first post. Second part of the first post. [...] A later, non-adjacent part.");
  assert.deepEqual(first.labels, {
    subreddit: "anxiety",
    label: "mixed",
    segmentLabels: "0,1,1",
    sentenceRanges: "0-5,5-10,20-25",
    split: "train",
  });
  assert.equal(second.labels.label, "1");
  assert.equal(fourth.text, "Its first segment. Second post of the test file.");
  assert.equal(fourth.labels.label, "0");
  assert.equal(fourth.labels.subreddit, "homeless");
  assert.equal(fourth.segments.length, 2);
});

test("malformed Dreaddit: missing column, bad label, bad range", () => {
  assert.throws(
    () => parseDreaddit("subreddit,post_id,sentence_range,text,id,confidence\n", "no-label.csv"),
    (error: unknown) => error instanceof DataError && error.location.field === "label" && error.location.record === "header",
  );
  const header = "subreddit,post_id,sentence_range,text,id,label,confidence\n";
  assert.throws(
    () => parseDreaddit(header + 'a,p,"(0, 5)",t,1,1,1\na,p,"(5, 10)",t,2,yes,1\n', "label.csv"),
    (error: unknown) =>
      error instanceof DataError && error.location.file === "label.csv" && error.location.record === 2 && error.location.field === "label",
  );
  assert.throws(
    () => parseDreaddit(header + "a,p,0-5,t,1,1,1\n", "range.csv"),
    (error: unknown) => error instanceof DataError && error.location.record === 1 && error.location.field === "sentence_range",
  );
  assert.throws(
    () => parseDreaddit(header + 'a,p,"(0, 5)",t,1,1,high\n', "confidence.csv"),
    (error: unknown) => error instanceof DataError && error.location.field === "confidence",
  );
});

test("real Dreaddit: 2838 + 715 segments, 2343 + 586 = 2929 posts", { skip: skipWithoutSharedData() }, () => {
  const segments = loadDreaddit({ directory: SHARED_DATA });
  assert.equal(segments.filter((segment) => segment.split === "train").length, 2838);
  assert.equal(segments.filter((segment) => segment.split === "test").length, 715);
  const posts = dreadditPosts({ directory: SHARED_DATA });
  assert.equal(posts.length, 2929);
  assert.equal(posts.filter((post) => post.labels.split === "train").length, 2343);
  // counted with Python csv.DictReader: posts whose segments carry different labels (140 train + 39 test)
  assert.equal(posts.filter((post) => post.labels.label === "mixed").length, 179);
  assert.equal(posts.reduce((sum, post) => sum + post.segments.length, 0), 3553);
  for (const post of posts) assert.ok(post.text.length > 0 && !post.text.includes("\uFFFD"), post.id);
});
