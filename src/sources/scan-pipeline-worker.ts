// The reader thread of a big cold scan (sources/scan.ts). It reads every transcript of its job list
// in order, prefilters and extracts the events and runs the ordered stage of ingest (sessions,
// modes, projects) into an OpRecorder; the main thread replays the ops through the per-call stage
// (shell parser, inference, SQLite). Reading and JSON on one core, parsing and writing on the other.
// A shared counter bounds how many messages may wait unapplied (memory).
import { parentPort, workerData } from 'node:worker_threads';
import type { Problem } from '../core/types.js';
import type { FileEnd, IngestOp } from './transcript-ingest.js';
import { OpRecorder, TranscriptIngest, ingestTranscript } from './transcript-ingest.js';

/** What the reader thread is started with. */
export interface PipelineData {
  /** Apply a file's events every this many (as the single-thread scan does). */
  flushEvents: number;
  /** Int32 [messages applied by the main thread, abort flag]. */
  control: SharedArrayBuffer;
  /** Messages the reader may run ahead of the writer. */
  maxAhead: number;
}

/** The reader's run of files, sent once the files are found. */
export interface PipelineJobs {
  jobs: { file: string; previous: { dev: number; ino: number; offset: number } | null }[];
  /** The index of the first job in the scan's whole list of files. */
  first: number;
  /** With --home: project roots are looked for only inside it (TranscriptIngest). */
  within?: string | null;
}

/** One message to the main thread: writes to replay, then the files finished after them. */
export interface PipelineMessage {
  ops: IngestOp[];
  ends: { index: number; result: FileEnd | Problem }[];
  done: boolean;
}

// send once this many writes (or file ends) are gathered: small enough that the writer starts
// early and never waits long for the last one
const MESSAGE_OPS = 250;
const MESSAGE_ENDS = 8;

function main(data: PipelineData, { jobs, first, within }: PipelineJobs): void {
  const port = parentPort;
  if (!port) return;
  const recorder = new OpRecorder();
  const ingest = new TranscriptIngest(recorder, within ?? null);
  const control = new Int32Array(data.control);
  let posted = 0;
  let ends: PipelineMessage['ends'] = [];

  const send = (done: boolean): void => {
    // wait while the main thread is maxAhead messages behind
    for (;;) {
      if (Atomics.load(control, 1) !== 0) throw new Error('scan aborted');
      const applied = Atomics.load(control, 0);
      if (posted - applied < data.maxAhead) break;
      Atomics.wait(control, 0, applied, 100);
    }
    const message: PipelineMessage = { ops: recorder.take(), ends, done };
    port.postMessage(message);
    posted += 1;
    ends = [];
  };

  for (const [index, job] of jobs.entries()) {
    const result = ingestTranscript(job.file, job.previous, ingest, data.flushEvents, () => {
      if (recorder.ops.length >= MESSAGE_OPS) send(false);
    });
    ends.push({ index: first + index, result });
    if (ends.length >= MESSAGE_ENDS) send(false);
  }
  ingest.flushSessions();
  send(true);
}

parentPort?.once('message', (jobs: PipelineJobs) => main(workerData as PipelineData, jobs));
