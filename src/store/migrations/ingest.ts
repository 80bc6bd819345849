import type { Migration } from './types.js';

// Evidence tables (issue 2). Other areas read these columns; add columns, never rename them.
export const ingestMigrations: Migration[] = [
  {
    id: '0100-evidence',
    sql: `
      CREATE TABLE files (
        path TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        dev INTEGER, ino INTEGER,
        size INTEGER NOT NULL DEFAULT 0,
        mtime_ms INTEGER NOT NULL DEFAULT 0,
        offset INTEGER NOT NULL DEFAULT 0,
        lines INTEGER NOT NULL DEFAULT 0,
        malformed INTEGER NOT NULL DEFAULT 0,
        scanned_at INTEGER
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        project TEXT, cwd TEXT, version TEXT, permission_mode TEXT,
        first_ts INTEGER, last_ts INTEGER, file TEXT
      );
      CREATE TABLE tool_calls (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        agent_id TEXT,
        sidechain INTEGER NOT NULL DEFAULT 0,
        ts INTEGER NOT NULL,
        cwd TEXT NOT NULL,
        project TEXT NOT NULL,
        version TEXT,
        permission_mode TEXT,
        tool TEXT NOT NULL,
        input_json TEXT NOT NULL,
        command TEXT,
        outcome TEXT NOT NULL DEFAULT 'no-result',
        rejection_reason TEXT,
        denial_kind TEXT,
        prompted INTEGER,
        prompted_basis TEXT,
        answer TEXT NOT NULL DEFAULT 'unknown',
        answer_basis TEXT,
        offered_rules_json TEXT NOT NULL DEFAULT '[]',
        source_file TEXT
      );
      CREATE INDEX tool_calls_tool ON tool_calls(tool);
      CREATE INDEX tool_calls_project ON tool_calls(project);
      CREATE INDEX tool_calls_ts ON tool_calls(ts);
      CREATE INDEX tool_calls_session ON tool_calls(session_id);
      CREATE TABLE segments (
        call_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        program TEXT NOT NULL,
        subcommand TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        argv_json TEXT NOT NULL,
        nested INTEGER NOT NULL DEFAULT 0,
        wrappers_json TEXT NOT NULL DEFAULT '[]',
        env_names_json TEXT NOT NULL DEFAULT '[]',
        ephemeral_json TEXT NOT NULL DEFAULT '[]',
        redirects_json TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (call_id, idx)
      );
      CREATE INDEX segments_program ON segments(program);
      CREATE TABLE hook_events (
        id INTEGER PRIMARY KEY,
        ts INTEGER NOT NULL,
        event TEXT NOT NULL,
        session_id TEXT,
        tool_name TEXT,
        tool_use_id TEXT,
        input_hash TEXT,
        input_json TEXT,
        suggestions_json TEXT,
        permission_mode TEXT,
        cwd TEXT
      );
      CREATE INDEX hook_events_call ON hook_events(tool_use_id);
      CREATE INDEX hook_events_session_hash ON hook_events(session_id, input_hash);
      CREATE TABLE otel_decisions (
        id INTEGER PRIMARY KEY,
        ts INTEGER NOT NULL,
        session_id TEXT,
        tool_use_id TEXT,
        tool_name TEXT,
        decision TEXT NOT NULL,
        source TEXT NOT NULL,
        command TEXT,
        UNIQUE (tool_use_id, decision, source)
      );
      CREATE TABLE shell_history (
        id INTEGER PRIMARY KEY,
        shell TEXT NOT NULL,
        source_file TEXT NOT NULL,
        ts INTEGER,
        command TEXT NOT NULL,
        programs_json TEXT NOT NULL DEFAULT '[]',
        ephemeral_json TEXT NOT NULL DEFAULT '[]',
        ext_id TEXT,
        UNIQUE (source_file, ext_id)
      );
      CREATE INDEX shell_history_ts ON shell_history(ts);
    `,
  },
  {
    // Results whose tool_use was not seen yet (another file or a later scan), the input hash that
    // correlates hook events with calls, and the hook spool's own answers.
    id: '0101-ingest-correlation',
    sql: `
      CREATE TABLE pending_results (
        id TEXT PRIMARY KEY,
        outcome TEXT NOT NULL,
        rejection_reason TEXT,
        denial_kind TEXT
      );
      ALTER TABLE tool_calls ADD COLUMN input_hash TEXT;
      -- the transcript-only inference, kept apart so exact evidence can override it and go away again
      ALTER TABLE tool_calls ADD COLUMN inferred_prompted INTEGER;
      ALTER TABLE hook_events ADD COLUMN agent_id TEXT;
      CREATE INDEX tool_calls_outcome ON tool_calls(outcome);
      CREATE INDEX tool_calls_answer ON tool_calls(answer);
      CREATE INDEX otel_decisions_call ON otel_decisions(tool_use_id);
    `,
  },
  {
    // covering index for the store totals every scan prints (a full row scan reads every input_json)
    id: '0102-ingest-totals-index',
    sql: `CREATE INDEX tool_calls_totals ON tool_calls(prompted, prompted_basis, outcome, answer);`,
  },
  {
    // Parallel batches (reference §2.4): when the user says No to one call of an assistant response,
    // every other call of that response gets the same rejection text. `message_id` groups a batch;
    // `result_outcome` keeps the outcome the transcript reported, so the batch attribution
    // (sources/answer-deriver.ts attributeBatchDenials) can be re-evaluated when more results land
    // while `outcome` holds the attributed one ('cancelled' for the siblings). Existing transcripts
    // are re-read once so their calls get a message id (duplicates are ignored, ids backfilled).
    id: '0103-ingest-batches',
    sql: `
      ALTER TABLE tool_calls ADD COLUMN message_id TEXT;
      ALTER TABLE tool_calls ADD COLUMN result_outcome TEXT;
      UPDATE tool_calls SET result_outcome = outcome WHERE outcome != 'no-result';
      CREATE INDEX tool_calls_batch ON tool_calls(message_id);
      UPDATE files SET size = -1, offset = 0, lines = 0, malformed = 0 WHERE kind = 'transcript';
    `,
  },
  {
    // Each of these is the leading column of a wider index (0200-learning-indexes): SQLite answers
    // the same lookups from the wider one. Every index costs a cold scan its rebuild and the store
    // its pages.
    id: '0104-ingest-redundant-indexes',
    sql: `
      DROP INDEX IF EXISTS tool_calls_tool;
      DROP INDEX IF EXISTS tool_calls_project;
      DROP INDEX IF EXISTS tool_calls_answer;
      DROP INDEX IF EXISTS segments_program;
    `,
  },
  {
    // Nothing read a call's transcript path: the session row keeps its file, and a subagent's file
    // follows from the agent id. A quarter of every row's bytes, written and checkpointed for nothing.
    id: '0105-ingest-drop-call-source-file',
    sql: `ALTER TABLE tool_calls DROP COLUMN source_file;`,
  },
  {
    // The transcript's own `permissionDecision` (reference real-client.md §2) and `entrypoint`: exact
    // prompts and answers (basis 'transcript-exact'), and headless (-p/SDK) sessions told apart from
    // interactive ones. `decision_json` keeps the raw fields so values never seen before are
    // counted, not guessed. Transcripts are re-read once so stored calls get them.
    id: '0106-ingest-permission-decision',
    sql: `
      ALTER TABLE tool_calls ADD COLUMN entrypoint TEXT;
      ALTER TABLE tool_calls ADD COLUMN decision_json TEXT;
      ALTER TABLE tool_calls ADD COLUMN decision_kind TEXT;
      ALTER TABLE tool_calls ADD COLUMN exact_prompted INTEGER;
      ALTER TABLE tool_calls ADD COLUMN exact_answer TEXT;
      ALTER TABLE pending_results ADD COLUMN entrypoint TEXT;
      ALTER TABLE pending_results ADD COLUMN decision_json TEXT;
      ALTER TABLE pending_results ADD COLUMN decision_kind TEXT;
      ALTER TABLE pending_results ADD COLUMN exact_prompted INTEGER;
      ALTER TABLE pending_results ADD COLUMN exact_answer TEXT;
      UPDATE files SET size = -1, offset = 0, lines = 0, malformed = 0 WHERE kind = 'transcript';
    `,
  },
  {
    // The `settings.local.json` allow rules each call needed (without one of them it would not be
    // allowed today), for calls without the transcript's own decision: "Yes, and don't ask again"
    // saves its rule after the answer, so the calls before it were judged under other rules.
    id: '0107-ingest-call-local-rules',
    sql: `
      CREATE TABLE call_local_rules (
        call_id TEXT NOT NULL,
        project TEXT NOT NULL,
        rule TEXT NOT NULL,
        PRIMARY KEY (project, rule, call_id)
      );
    `,
  },
  {
    // the store totals every scan prints read the new columns too: keep them answered from an index
    id: '0108-ingest-totals-index-decisions',
    sql: `
      DROP INDEX IF EXISTS tool_calls_totals;
      CREATE INDEX tool_calls_totals ON tool_calls(prompted, prompted_basis, outcome, answer, entrypoint,
        decision_kind, decision_json);
    `,
  },
  {
    // What the real client checks beyond the words (conformance matrix): a construct it will not
    // auto-allow under a rule, and whether leading env assignments have values it accepts (a
    // verdict, never the value). Rows stored before this read as "no construct, names decide".
    id: '0110-ingest-segment-construct-env-safe',
    sql: `
      ALTER TABLE segments ADD COLUMN construct TEXT;
      ALTER TABLE segments ADD COLUMN env_safe INTEGER;
    `,
  },
];
