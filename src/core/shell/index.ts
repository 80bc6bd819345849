// Public surface of the shell command model.
export { parseCommand, programName, programsOf, isInnerView, INNER_VIEW_LABELS } from './parse-command.js';
export { subcommandOf, isMultiLevelCli, SUBCOMMAND_TABLE } from './subcommands.js';
export { stripWrappers, STRIPPED_WRAPPERS } from './wrappers.js';
export { packageFromInstallable } from './ephemeral.js';
export { plainSegment } from './segment.js';
