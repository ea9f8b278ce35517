/**
 * The queue commands' part of `jixiao --help`, apart from the commands themselves so that the
 * CLI prints its help without loading BullMQ (the CLI imports the queue commands only when one runs).
 */
import { DEFAULT_ATTEMPTS } from './jobs.js';

export const QUEUE_HELP = `Many machines (a Redis-backed job queue, BullMQ; every machine must see the inputs and
<dir> under the same paths, e.g. one shared folder):
  enqueue              one job per input file; extract's options apply (idempotent: a file
                       already done with the same sha256 and options is not run again)
  --redis <url>        the queue's Redis, redis://[user:password@]host[:port][/db]
  --wait               (enqueue) then wait and write <dir>, as collect does
  --attempts <n>       (enqueue) tries per document when its worker dies (default ${DEFAULT_ATTEMPTS})
  worker               process jobs until SIGTERM, --concurrency at once, each document in a
                       worker process with --max-memory; SIGTERM finishes the current documents
                       (up to 60 s, then returns them to the queue) and exits 0; a second one returns them now
  collect              wait until every job of <dir>'s batch is done, then write <dir> byte for
                       byte as extract would; progress: done / failed / running / waiting, pages/s
`;
