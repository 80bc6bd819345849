// `Tool(arg)` — how `check` takes a call on the command line and how `verify` rebuilds a stored call
// from its tool and target: the one argument goes to the tool's main input field, with harmless
// filler for the fields the client validates (Edit's strings, WebFetch's prompt).
import type { CheckCall } from '../check-service.js';

/** The input field that holds a file tool's path. */
export const FILE_TOOLS: Record<string, string> = {
  Read: 'file_path',
  Edit: 'file_path',
  Write: 'file_path',
  MultiEdit: 'file_path',
  NotebookEdit: 'notebook_path',
  NotebookRead: 'notebook_path',
  Glob: 'path',
  Grep: 'path',
  LS: 'path',
};

/** Turn one command-line argument into a call: `Tool(arg)`, or else a Bash command. */
export function parseCallArg(arg: string): CheckCall {
  const m =
    /^(Bash|Read|Edit|Write|MultiEdit|NotebookEdit|NotebookRead|Glob|Grep|LS|WebFetch|WebSearch|mcp__[\w-]+(?:__[\w-]+)?|[A-Z][A-Za-z]+)\(([\s\S]*)\)$/.exec(
      arg.trim(),
    );
  if (!m) return { tool: 'Bash', input: { command: arg } };
  const tool = m[1]!;
  const value = m[2]!;
  if (tool === 'Bash') return { tool, input: { command: value } };
  if (tool === 'WebFetch') return { tool, input: { url: value, prompt: 'summarize' } };
  if (tool === 'WebSearch') return { tool, input: { query: value } };
  if (tool === 'Edit')
    return { tool, input: { file_path: value, old_string: 'MARKER', new_string: 'CHANGED' } };
  if (tool === 'Write') return { tool, input: { file_path: value, content: 'x\n' } };
  if (tool === 'Glob') return { tool, input: { pattern: '*', path: value } };
  if (tool === 'Grep') return { tool, input: { pattern: 'x', path: value } };
  const field = FILE_TOOLS[tool];
  if (field) return { tool, input: { [field]: value } };
  // MCP and other tools: the argument as JSON input when it is JSON, else none
  try {
    const parsed = JSON.parse(value === '' ? '{}' : value) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return { tool, input: parsed as Record<string, unknown> };
  } catch {
    // not JSON: a bare tool name with an argument clearance cannot place
  }
  return { tool, input: {} };
}
