import { useState } from 'react';
import { api } from '../api';
import { ErrorNote } from './ErrorNote';

type Rating = 'down' | 'up' | 'double_up';

const CHOICES: ReadonlyArray<{ rating: Rating; label: string; text: string }> = [
  { rating: 'down', label: 'Not for me', text: '👎' },
  { rating: 'up', label: 'I like this', text: '👍' },
  { rating: 'double_up', label: 'Love this!', text: '👍👍' },
];

/**
 * Thumbs down / up / double up for one title (`PUT /v1/profiles/:id/ratings/:titleId`); pressing the
 * chosen one again removes the rating. The API has no read of one rating, so the buttons show what was
 * chosen on this page.
 */
export function RatingButtons({ profileId, titleId }: { profileId: string; titleId: string }) {
  const [chosen, setChosen] = useState<Rating | null>(null);
  const [error, setError] = useState<unknown>(null);
  const url = `/v1/profiles/${encodeURIComponent(profileId)}/ratings/${encodeURIComponent(titleId)}`;

  const rate = async (rating: Rating): Promise<void> => {
    setError(null);
    try {
      if (rating === chosen) {
        await api('DELETE', url);
        setChosen(null);
      } else {
        await api('PUT', url, { rating });
        setChosen(rating);
      }
    } catch (err) {
      setError(err);
    }
  };

  return (
    <span className="rating-buttons">
      {CHOICES.map((c) => (
        <button
          key={c.rating}
          type="button"
          className={chosen === c.rating ? 'btn btn-ghost on' : 'btn btn-ghost'}
          data-nav
          aria-pressed={chosen === c.rating}
          aria-label={c.label}
          title={c.label}
          onClick={() => void rate(c.rating)}
        >
          {c.text}
        </button>
      ))}
      <ErrorNote error={error} />
    </span>
  );
}
