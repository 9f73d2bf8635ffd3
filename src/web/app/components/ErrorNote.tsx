import { describeError } from '../api';

/** An API or network failure, in words, where the content would have been. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="error-note" role="alert">
      <span>{describeError(error)}</span>
      {onRetry && (
        <button type="button" className="btn btn-ghost" data-nav onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
