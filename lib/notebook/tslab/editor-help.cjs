// Help in the editor for the project's tslab kernel (kernel.cjs): Jupyter's Shift-Tab (inspect_request) and Tab
// (complete_request), on top of tslab 1.0.22's TypeScript language service.
//
// What tslab does by itself, and what this changes:
// - Shift-Tab inside a call, `pt.session(|`, showed nothing: tslab asks for the quick info of the token at the
//   cursor, and after `(` (or `, ` or in an object literal) there is none. IPython shows the called function there;
//   so does this: when the cursor has no quick info, the callee of the innermost open call is inspected, which gives
//   its signature and TSDoc (`(alias) session(options?: SessionOptions): NotebookSession` and its comment).
// - Completion offered names that merely contain what was typed (`pt.co` -> ..., analysisConfig, score): only
//   names starting with it are kept (case-sensitive ones first, as tslab sorts them).
// - Completion names carried no types: each reply has Jupyter's `_jupyter_types_experimental` metadata (what
//   JupyterLab shows beside each name): the kind (function, const, module, ...) and, for the names looked up
//   within half a second (all of them once the prefix narrows the list), the signature and first TSDoc sentence.
"use strict";

/**
 * The position of the innermost call's callee name before `cursor` (`pt.session({ n: 3, |` -> inside `session`),
 * or undefined. Strings, template literals and comments are skipped; brackets and braces nest.
 */
function calleePosition(code, cursor) {
  const open = [];
  let i = 0;
  while (i < cursor) {
    const c = code[i];
    const next = code[i + 1];
    if (c === "/" && next === "/") {
      const end = code.indexOf("\n", i);
      i = end < 0 ? cursor : end;
      continue;
    }
    if (c === "/" && next === "*") {
      const end = code.indexOf("*/", i + 2);
      i = end < 0 ? cursor : end + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < cursor && code[j] !== c) j += code[j] === "\\" ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") open.push({ c, at: i });
    else if (c === ")" || c === "]" || c === "}") open.pop();
    i += 1;
  }
  for (let k = open.length - 1; k >= 0; k -= 1) {
    if (open[k].c !== "(") continue;
    let end = open[k].at;
    while (end > 0 && /\s/.test(code[end - 1])) end -= 1;
    // A type argument list, `f<T>(`, is not looked into: the name must end right before the parenthesis.
    if (end > 0 && /[\w$]/.test(code[end - 1])) return end - 1;
  }
  return undefined;
}

/** The converter's inspect, falling back to the callee of the innermost open call. */
function inspectWithCallee(inspect, prevDecl, code, cursor) {
  const info = inspect(prevDecl, code, cursor);
  if (info && info.displayParts && info.displayParts.length > 0) return info;
  const callee = calleePosition(code, cursor);
  return callee === undefined ? info : inspect(prevDecl, code, callee);
}

/** The converter's completion with only the names that start with what was typed before the cursor. */
function prefixCompletion(complete, prevDecl, code, cursor) {
  const info = complete(prevDecl, code, cursor);
  const typed = code.slice(info.start, cursor).toLowerCase();
  if (!typed) return info;
  return { ...info, candidates: info.candidates.filter((name) => name.toLowerCase().startsWith(typed)) };
}

/** A tslab converter (`convs.node`) with the inspect and completion above. */
function withEditorHelp(converter) {
  return {
    ...converter,
    inspect: (prevDecl, code, cursor) => inspectWithCallee(converter.inspect, prevDecl, code, cursor),
    complete: (prevDecl, code, cursor) => prefixCompletion(converter.complete, prevDecl, code, cursor),
  };
}

/** tslab's set of converters (`node`, `browser`, both created on first use) with editor help on each. */
function convertersWithEditorHelp(converters) {
  const wrapped = new Map();
  return new Proxy(converters, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (key !== "node" && key !== "browser") return typeof value === "function" ? value.bind(target) : value;
      if (!wrapped.has(value)) wrapped.set(value, withEditorHelp(value));
      return wrapped.get(value);
    },
  });
}

const SIGNATURES = 40;
const SIGNATURES_ONE_BY_ONE = 8;
/** Signatures are looked up for at most this long (ms) per completion; the names after that get their kind only. */
const SIGNATURE_BUDGET_MS = 500;

/** The first sentence of a TSDoc text. */
function firstSentence(text) {
  const match = /^[\s\S]*?[.!?](?=\s|$)/.exec(text.trim());
  return (match ? match[0] : text.trim()).replace(/\s+/g, " ");
}

/**
 * The quick info of each name as if it had been typed in place of the typed prefix. Each inspect of a new text
 * costs tslab a new program (~0.1-0.5 s), so for a member list (`pt.`, `pt.stats.`) all names go into ONE text,
 * `pt.analyzeRq1, pt.analyzeRq2, ...`, inspected at each name's position (one program, then 2-50 ms a name);
 * otherwise (names in an object literal, ...) the first SIGNATURES_ONE_BY_ONE are inspected one by one. Either way
 * the lookups stop after SIGNATURE_BUDGET_MS, so Tab answers within about a second.
 */
function quickInfos(executor, code, info, names) {
  const before = code.slice(0, info.start);
  const after = code.slice(info.end);
  const receiver = /(?:[\w$]+\s*\.\s*)+$/.exec(before)?.[0];
  let text = before;
  const positions = [];
  if (receiver) {
    names.forEach((name, index) => {
      if (index > 0) text += `, ${receiver}`;
      positions.push(text.length);
      text += name;
    });
    text += after;
  }
  const deadline = performance.now() + SIGNATURE_BUDGET_MS;
  return names.map((name, index) => {
    if ((!receiver && index >= SIGNATURES_ONE_BY_ONE) || performance.now() > deadline) return undefined;
    const [source, position] = receiver ? [text, positions[index]] : [before + name + after, info.start];
    const quick = executor.inspect(source, position);
    // Only the name's own quick info (not a fallback to an enclosing call's callee).
    return quick && quick.textSpan && quick.textSpan.start === position ? quick : undefined;
  });
}

/**
 * Jupyter's `_jupyter_types_experimental` for a completion: per name its kind and, for the first SIGNATURES, its
 * signature and the first sentence of its TSDoc.
 */
function completionTypes(executor, code, info) {
  const kinds = new Map((info.original?.entries ?? []).map((entry) => [entry.name, entry.kind]));
  const quick = quickInfos(executor, code, info, info.candidates.slice(0, SIGNATURES));
  return info.candidates.map((name, index) => {
    const item = { start: info.start, end: info.end, text: name, type: kinds.get(name) ?? "" };
    const found = quick[index];
    if (!found || !found.displayParts) return item;
    item.signature = found.displayParts
      .map((part) => part.text)
      .join("")
      .replace(/\nexport [\w$]+$/, "")
      .replace(/^\((?:alias|property|method|function|const|namespace)\) /, "")
      .replace(/\s+/g, " ");
    const documentation = (found.documentation ?? []).map((part) => part.text).join("");
    if (documentation) item.documentation = firstSentence(documentation);
    return item;
  });
}

/** tslab's JupyterHandlerImpl.handleComplete, with the types of the names in the reply's metadata. */
function handleCompleteWithTypes(request) {
  const info = this.executor.complete(request.code, request.cursor_pos);
  let types = [];
  try {
    types = completionTypes(this.executor, request.code, info);
  } catch {
    // the names without their types rather than no completion
  }
  return { cursor_start: info.start, cursor_end: info.end, matches: info.candidates, metadata: { _jupyter_types_experimental: types }, status: "ok" };
}

module.exports = { calleePosition, withEditorHelp, convertersWithEditorHelp, completionTypes, handleCompleteWithTypes };
