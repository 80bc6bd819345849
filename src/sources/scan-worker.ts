// Worker for cold scans: reads one transcript's new bytes, prefilters and extracts its events, and
// parses its Bash commands, so the main thread only writes to SQLite. Posts one message per file.
import { parentPort } from 'node:worker_threads';
import { parseCommand, programsOf } from '../core/shell/index.js';
import type { CommandSegment } from '../core/types.js';
import { loadBashParser } from './bash-grammar.js';
import type { ChunkResult } from './transcript-reader.js';
import { handleLine, readCompleteLines, readNewBytes } from './transcript-reader.js';

/** A file to read, with its remembered state. */
export interface WorkerJob {
  seq: number;
  file: string;
  previous: { dev: number; ino: number; offset: number } | null;
}

/** Parsed commands keyed by command text, shipped with the events. */
export type ParsedCommands = Record<
  string,
  { segments: CommandSegment[]; compound: boolean; programs: string[] }
>;

const parserReady = loadBashParser();

parentPort?.on('message', (job: WorkerJob) => {
  void parserReady.then((parser) => {
    const result = readNewBytes(job.file, job.previous, (fd, from, size) => {
      const chunk: ChunkResult = { events: [], offset: from, lines: 0, malformed: 0, bytes: 0 };
      const offset = readCompleteLines(fd, from, size, (line) => handleLine(line, chunk));
      return { ...chunk, offset, bytes: offset - from };
    });
    const parsed: ParsedCommands = {};
    if (!('message' in result) && result.value) {
      for (const event of result.value.events) {
        if (event.kind !== 'use' || event.tool !== 'Bash' || typeof event.input.command !== 'string')
          continue;
        const command = event.input.command;
        if (parsed[command]) continue;
        const p = parseCommand(parser, command);
        parsed[command] = {
          segments: p.segments,
          compound: p.error !== null || p.operators.length > 0,
          programs: programsOf(p),
        };
      }
    }
    parentPort?.postMessage({ seq: job.seq, result, parsed });
  });
});
