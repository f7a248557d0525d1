/**
 * The participants decoder (./participants-decoder.ts) in a worker of its own. It answers each message with
 * the same id; an exception becomes `{ id, error }`.
 */
import { ParticipantsDecoder } from './participants-decoder';
import type { WorkerAnswer, WorkerCall } from './participants-feed';

// The app is typed against the DOM library; a module worker's global scope needs only these two members.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerCall>) => void) | null;
  postMessage: (answer: WorkerAnswer) => void;
};

const decoder = new ParticipantsDecoder();

scope.onmessage = ({ data: call }) => {
  try {
    const result = call.type === 'decode' ? decoder.decode(call.request) : decoder.list(call.feed, call.version);
    scope.postMessage({ id: call.id, result });
  } catch (error) {
    scope.postMessage({ id: call.id, error: error instanceof Error ? error.message : String(error) });
  }
};
