import { inventoryHelp } from "../../inventory/inventory-option";
/** `analyze psychometrics --help`. */
export const PSYCHOMETRICS_USAGE = `usage: persona-talks analyze psychometrics --out DIR [options]

Are the model's inventory answers reliable measurements? Measures the RQ1 personas (per dataset: persona cards
extracted and filtered, traits described, HEXACO-60 and CSI answered, through the response cache) and writes into
DIR: reliability per domain (Cronbach's alpha with a bootstrap 95% CI, McDonald's omega total from a one-factor
minres model), alpha per facet, corrected item-total correlations and the flagged items (negative or < .2),
the HEXACO x CSI multitrait-multimethod view (observed and disattenuated r), with --samples K > 1 the
test-retest stability (ICC(2,1), ICC(2,K), identical answers); figures (item-total chart per inventory,
alpha/omega chart); answers-<inventory>.csv (raw 1-5 answers, one column per item id); scores.csv; summary.json
(reliability[<inventory>][<domain>] = {alpha, alphaLow, alphaHigh, omega, items, n}).

options:
  --out DIR          where to write (required)
  --n N              personas per dataset; default 20
  --samples K        answer every statement K times (sample index in the cache key); default 1
  --temperature T    temperature of the answer stage; default 0 (the paper)
  --logprobs         a separate, paid pass asking for the answer token's top-5 log-probabilities: reliability
                     of the expected answer beside the chosen digit (the dry run prices it; Anthropic's API
                     gives no log-probabilities, so it is refused there)
  --dataset D        repeatable: esconv, cams, dreaddit (default all three)
${inventoryHelp("every one is answered and checked; the first two make the MTMM view")}
  --provider P       sim|openai|anthropic|local; default: the first one configured, else sim
  --model M          default: the provider's first model in lib/llm/models.json
  --seed S           sampling and bootstrap seed (default 1)
  --cache MODE       read-write (default) | read-only | off
  --concurrency K    calls in flight (default 8)
  --dry-run          print the cost estimate and exit without calling anything
  --quiet            no progress bars`;
