// The learning engine's public surface.
export { learn, isApprovedPrompt, isDenied, coverageOracle } from './engine.js';
export type { LearnResult } from './engine.js';
export { bashItems, subWords, MIN_APPROVALS } from './bash.js';
export { learnHygiene, bashForm, canonicalRule, ruleFamily } from './hygiene.js';
export type { HygieneInputs } from './hygiene.js';
export { suggestionId, fnv1a } from './hash.js';
export { READ_TOOLS, EDIT_TOOLS } from './other-tools.js';
export { newestVersion, compareVersionStrings } from './versions.js';
export type { EvidenceCall, LearnOptions, MatchItem, RuleOps, SettingsSource } from './types.js';
