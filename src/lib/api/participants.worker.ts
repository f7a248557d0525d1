/** The participants decoder (./participants-decoder.ts) in a worker of its own, answering the page's calls. */
import { answerWorkerCalls, type WorkerAnswer, type WorkerCall } from './participants-decoder';

// The app is typed against the DOM library; a module worker's global scope needs only these two members.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerCall>) => void) | null;
  postMessage: (answer: WorkerAnswer) => void;
};

const answer = answerWorkerCalls((message) => scope.postMessage(message));
scope.onmessage = ({ data: call }) => answer(call);
