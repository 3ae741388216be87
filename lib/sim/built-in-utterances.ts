import type { StrategyLabel } from "../data/types";

/** Made-up utterances (written for this project) used only when ESConv is not available. */
export const BUILT_IN_UTTERANCES: { supporter: Record<StrategyLabel, string[]>; seeker: string[] } = {
  supporter: {
    Question: ["What has been on your mind the most this week?", "How did that make you feel?", "Is there someone you can talk to about this?"],
    "Restatement or Paraphrasing": ["So you feel stuck between your job and your family.", "It sounds like the move left you without the friends you relied on."],
    "Reflection of feelings": ["That sounds really lonely.", "I can hear how frustrated you are with all of this."],
    "Self-disclosure": ["I went through something similar when I changed jobs.", "I have felt that kind of worry myself."],
    "Affirmation and Reassurance": ["You have handled a lot already, and that takes strength.", "It is okay to feel this way; you are doing your best."],
    "Providing Suggestions": ["Maybe you could write down what worries you before bed.", "Perhaps a short walk each day could help you clear your head."],
    Information: ["Many people find that a regular sleep schedule helps with stress.", "Some employers offer free counselling through an assistance programme."],
    Others: ["Hello, how are you today?", "You are welcome, take care."],
  },
  seeker: [
    "Hi, I have been feeling really down lately.",
    "I lost my job last month and I do not know what to do.",
    "My friends seem busy and I feel left out.",
    "I can't sleep because I keep worrying about money.",
    "I tried talking to my family but they did not understand.",
    "Thanks, that actually helps a bit.",
  ],
};
