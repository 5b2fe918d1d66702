import { CopyButton } from '../../../shared/CopyButton.tsx';

/**
 * A one-time password as the admin sees it: once, with a way to copy it and what to do with it, and the
 * Done that closes its dialog.
 */
export function TemporaryPasswordNotice({
  username,
  password,
  onDone,
}: {
  username: string;
  password: string;
  onDone: () => void;
}) {
  return (
    <>
      <div className="temporary-password">
        <p>
          Temporary password for <strong>{username}</strong>. It is <strong>shown only once</strong>: give it
          to {username} over a private channel. They must choose their own password when they first sign in.
        </p>
        <div className="temporary-password-value">
          <output className="mono" aria-label="Temporary password">
            {password}
          </output>
          <CopyButton value={password} label="Copy temporary password" />
        </div>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={onDone}>
          Done
        </button>
      </div>
    </>
  );
}
