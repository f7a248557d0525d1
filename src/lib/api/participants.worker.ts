/** The participants source (./participants-source.ts) in a worker of its own, answering the page's calls. */
import { answerSourceCalls, type SourceCall, type SourceMessage } from './participants-source';

// The app is typed against the DOM library; a module worker's global scope needs only these two members.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SourceCall>) => void) | null;
  postMessage: (message: SourceMessage) => void;
};

const answer = answerSourceCalls((message) => scope.postMessage(message));
scope.onmessage = ({ data: call }) => answer(call);
// From now on the page leaves the requests to this worker (./participants-feed.ts WorkerLink).
scope.postMessage({ ready: true });
