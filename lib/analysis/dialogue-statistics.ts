import { orderedConditions, turnRowsOf, wordCount } from "./turns";

export interface DialogueStatistics {
  condition: string;
  dialogues: number;
  totalWords: number;
  totalTurns: number;
  averageWords: number;
  seekerWords: number;
  seekerTurns: number;
  averageSeekerWords: number;
  supporterWords: number;
  supporterTurns: number;
  averageSupporterWords: number;
  /** Turns per dialogue on average. */
  averageTurnsPerDialogue: number;
}

/** Table 16: words and turns per condition, in total and per role; averages are words per turn. */
export function dialogueStatistics(turnRows: unknown): DialogueStatistics[] {
  const turns = turnRowsOf(turnRows);
  return orderedConditions(turns).map((condition) => {
    const mine = turns.filter((turn) => turn.condition === condition);
    const seeker = mine.filter((turn) => turn.speaker === "seeker");
    const supporter = mine.filter((turn) => turn.speaker === "supporter");
    const words = (list: typeof mine) => list.reduce((total, turn) => total + wordCount(turn.text), 0);
    const seekerWords = words(seeker);
    const supporterWords = words(supporter);
    const dialogues = new Set(mine.map((turn) => turn.dialogueId)).size;
    const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);
    return {
      condition,
      dialogues,
      totalWords: seekerWords + supporterWords,
      totalTurns: mine.length,
      averageWords: ratio(seekerWords + supporterWords, mine.length),
      seekerWords,
      seekerTurns: seeker.length,
      averageSeekerWords: ratio(seekerWords, seeker.length),
      supporterWords,
      supporterTurns: supporter.length,
      averageSupporterWords: ratio(supporterWords, supporter.length),
      averageTurnsPerDialogue: ratio(mine.length, dialogues),
    };
  });
}
