// Claude Code's tools by what the permission system does with them, in one place for the predictor,
// prompt inference and auto mode.

/** File tools that read: they run unasked inside the working directories. */
export const FILE_READ_TOOLS: ReadonlySet<string> = new Set(['Read', 'Glob', 'Grep', 'LS', 'NotebookRead']);

/** File tools that write: Edit rules and acceptEdits mode decide them. */
export const FILE_EDIT_TOOLS: ReadonlySet<string> = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

/** Internal tools (tasks, plans, questions, tool search): the client never asks about them. */
export const INTERNAL_TOOLS: ReadonlySet<string> = new Set([
  'TodoWrite',
  'TodoRead',
  'Task',
  'Agent',
  'TaskOutput',
  'TaskCreate',
  'TaskUpdate',
  'TaskList',
  'TaskGet',
  'TaskStop',
  'BashOutput',
  'KillShell',
  'KillBash',
  'ExitPlanMode',
  'EnterPlanMode',
  'AskUserQuestion',
  'ToolSearch',
  'ListMcpResourcesTool',
  'ReadMcpResourceTool',
]);
