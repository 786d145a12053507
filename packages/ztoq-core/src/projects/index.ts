export { chooseProject, nextInQueue, type ProjectChoice, type ProjectSource } from './choose-project.js';
export { type DispatchParameters, dispatchPayload, parseDispatchParameters } from './dispatch-parameters.js';
export {
  markProject,
  nextProject,
  QUEUE_MARK_STREAM,
  type QueuedProject,
  type QueueMark,
  type QueueState,
  readProjectsQueue,
} from './projects-queue.js';
export { fileQueueLedger, type QueueLedger, storeQueueLedger } from './queue-ledger.js';
export { queueStateAfterRun } from './queue-outcome.js';
