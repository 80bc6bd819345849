/** Tools Claude Code never prompts for (read-only or purely internal). */
export const NEVER_PROMPTED_TOOLS = new Set([
    'Read',
    'Glob',
    'Grep',
    'LS',
    'NotebookRead',
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
    'Skill',
    'SlashCommand',
    'ToolSearch',
    'ListMcpResourcesTool',
    'ReadMcpResourceTool',
]);
const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);
/** 1 = probably prompted, 0 = probably not. */
export function inferPrompted(call, oracle) {
    const mode = call.mode ?? 'default';
    if (mode === 'bypassPermissions' || mode === 'dontAsk' || mode === 'auto')
        return 0;
    if (NEVER_PROMPTED_TOOLS.has(call.tool))
        return 0;
    if (mode === 'acceptEdits' && EDIT_TOOLS.has(call.tool))
        return 0;
    if (call.tool === 'Bash' &&
        call.segments.length > 0 &&
        call.segments.every((s) => oracle.isReadOnlySegment(s))) {
        return 0;
    }
    return oracle.allowedByRules(call) ? 0 : 1;
}
//# sourceMappingURL=prompt-inference.js.map