// Public surface of the Claude Code rule model and matcher.
export type { ParsedRule, RuleForm, PathAnchor } from './parse-rule.js';
export {
  parseRule,
  isRuleError,
  formatBashRule,
  compareVersions,
  canonicalToolName,
  SPACE_STAR_SINCE,
  NEVER_CONSULTED_PATH_TOOLS,
  PATH_RULE_TOOLS,
  pathAnchor,
  hasUnescapedStar,
} from './parse-rule.js';
export type {
  RuleSource,
  CallToMatch,
  CallDecision,
  SegmentDecision,
  Decision,
  RuleKind,
} from './evaluate.js';
export {
  evaluateCall,
  ruleMatchesCall,
  segmentMatchesRule,
  domainMatches,
  BUILTIN_READ_ONLY_SOURCE,
} from './evaluate.js';
export { bashSpecifierMatches, segmentTexts } from './bash-match.js';
export { pathPatternMatches, normalizeFilePath } from './path-match.js';
export { isBuiltinReadOnly, isReadOnlyProgram, needsExactRule } from './read-only.js';
export { isSafeEnvAssignment, isSafeEnvName, SAFE_ENV_NAMES, segmentEnvSafe } from './safe-env.js';
export { CONSTRUCT_TEXTS } from './evaluate.js';
export type { Prediction, PredictedDecision, PredictOptions, CallToPredict } from './predict.js';
export { predictCall } from './predict.js';
export { ruleProblems } from './problems.js';
