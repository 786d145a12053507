export {
  markProject,
  nextProject,
  QUEUE_MARK_STREAM,
  type QueuedProject,
  type QueueMark,
  type QueueState,
  readProjectsQueue,
} from './projects-queue.js';
