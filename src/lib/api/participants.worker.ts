/**
 * The participants decoder (./participants-decoder.ts) in a worker of its own. It answers each call with the
 * same id; an exception becomes `{ id, error }`. A fetch can be cancelled by an `abort` call naming it.
 */
import { ParticipantsDecoder, fetchParticipants } from './participants-decoder';
import type { WorkerAnswer, WorkerCall, WorkerResult } from './participants-feed';

// The app is typed against the DOM library; a module worker's global scope needs only these two members.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerCall>) => void) | null;
  postMessage: (answer: WorkerAnswer) => void;
};

const decoder = new ParticipantsDecoder();
const fetches = new Map<number, AbortController>();

async function answer(call: Exclude<WorkerCall, { type: 'abort' }>): Promise<WorkerResult> {
  switch (call.type) {
    case 'decode':
      return decoder.decode(call.request);
    case 'list':
      return decoder.list(call.feed, call.version);
    case 'fetch': {
      const controller = new AbortController();
      fetches.set(call.id, controller);
      try {
        return await fetchParticipants(decoder, call.request, controller.signal);
      } finally {
        fetches.delete(call.id);
      }
    }
  }
}

scope.onmessage = ({ data: call }) => {
  if (call.type === 'abort') {
    fetches.get(call.target)?.abort();
    return;
  }
  answer(call).then(
    (result) => scope.postMessage({ id: call.id, result }),
    (error: unknown) => scope.postMessage({ id: call.id, error: error instanceof Error ? error.message : String(error) }),
  );
};
