export { EventStreamConsumer } from './consumer.js';
export { graphEventWriter } from './graph-writer.js';
export { startEventConsumer } from './start.js';
