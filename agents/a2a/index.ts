export {
  type A2ABus,
  type GatherOptions,
  type GatherResult,
  type TaskContext,
  type TaskHandler,
  type TaskRequest,
  type TaskUpdate,
  taskRequestSchema,
  taskUpdateSchema,
} from './a2a-bus.ts';
export {
  type A2AArtifact,
  type A2ADataPart,
  type A2AJson,
  type A2AMessage,
  type A2APart,
  type A2ATask,
  type A2ATaskState,
  type A2ATaskStatus,
  type A2ATextPart,
  a2aArtifactSchema,
  a2aMessageSchema,
  a2aPartSchema,
  a2aTaskSchema,
  a2aTaskStateSchema,
  a2aTaskStatusSchema,
  dataPart,
  dataPartSchema,
  isAnsweredState,
  isTerminalState,
  messageText,
  TASK_STATES,
  textPart,
  textPartSchema,
} from './a2a-types.ts';
export { gatherTasks, type TaskSource } from './gather-tasks.ts';
export {
  type A2ABusOptions,
  createInProcessBus,
  DEFAULT_HANDLER_TIMEOUT_MS,
  type InProcessBus,
} from './in-process-bus.ts';
export { createMemoryTaskLog, type MemoryTaskLogOptions } from './memory-task-log.ts';
export {
  buildTask,
  type RequestEnvelope,
  type RequestRecord,
  type ResultRecord,
  type StatusRecord,
  type TaskLog,
  type TaskRecord,
  taskRecordSchema,
} from './task-records.ts';
export {
  cancelTask,
  type IncomingRequest,
  readIncomingRequest,
  type ServeDependencies,
  type ServeOutcome,
  serveRequest,
  submitRequest,
} from './task-steps.ts';
