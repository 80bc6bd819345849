import type { Migration } from './types.js';

// Indexes for the learning queries (issue 3): evidence by answer and time, calls by tool/project
// within a window, segments by program and text for "also matches" and dead-rule checks.
export const learningMigrations: Migration[] = [
  {
    id: '0200-learning-indexes',
    sql: `
      CREATE INDEX IF NOT EXISTS tool_calls_answer_ts ON tool_calls(answer, ts);
      CREATE INDEX IF NOT EXISTS tool_calls_tool_ts ON tool_calls(tool, ts);
      CREATE INDEX IF NOT EXISTS tool_calls_project_ts ON tool_calls(project, ts);
      CREATE INDEX IF NOT EXISTS segments_program_text ON segments(program, text, subcommand);
    `,
  },
];
