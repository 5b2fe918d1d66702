import { ChangePasswordRequest, PASSWORD_MIN_LENGTH } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { CheckedForm } from '../../../shared/CheckedForm.tsx';
import { DialogActions } from '../../../shared/DialogActions.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { Field } from '../../../shared/Field.tsx';
import { useFieldErrors, zodFieldErrors } from '../../../shared/fieldErrors.ts';
import { sessionQuery } from '../api/keys.ts';
import { useChangePassword } from '../api/useChangePassword.ts';

const fields = [
  { name: 'currentPassword', label: 'Current password', autoComplete: 'current-password' },
  { name: 'newPassword', label: 'New password', autoComplete: 'new-password' },
  { name: 'repeatPassword', label: 'Repeat new password', autoComplete: 'new-password' },
] as const;
type PasswordField = (typeof fields)[number]['name'];

/** Choose one's own password: first of all after signing in with a temporary one. */
export default function ChangePasswordPage() {
  const session = useQuery(sessionQuery());
  const change = useChangePassword();
  const [, navigate] = useLocation();
  const [values, setValues] = useState<Record<PasswordField, string>>({
    currentPassword: '',
    newPassword: '',
    repeatPassword: '',
  });
  const { errors, setClientErrors } = useFieldErrors(change.error);
  const temporary = session.data?.mustChangePassword === true;

  return (
    <section className="page narrow">
      <header className="page-header">
        <h1>Change password</h1>
        <p className="muted">
          {temporary
            ? 'You signed in with a temporary password. Choose your own before you continue; your other sessions will end.'
            : 'Your other sessions end when you change it.'}
        </p>
      </header>
      <CheckedForm
        className="card form"
        onSubmit={() => {
          const { repeatPassword, ...request } = values;
          const parsed = ChangePasswordRequest.safeParse(request);
          if (!parsed.success) return setClientErrors(zodFieldErrors(parsed.error));
          if (repeatPassword !== request.newPassword) {
            return setClientErrors({ repeatPassword: 'The two new passwords differ' });
          }
          setClientErrors({});
          change.mutate(parsed.data, { onSuccess: () => navigate('/', { replace: true }) });
        }}
      >
        {fields.map(({ name, label, autoComplete }) => (
          <Field
            key={name}
            label={label}
            hint={
              name === 'newPassword' &&
              `At least ${PASSWORD_MIN_LENGTH} characters; a few words make a good one.`
            }
            error={errors[name]}
            errorId={`${name}-error`}
          >
            {(described) => (
              <input
                type="password"
                name={name}
                autoComplete={autoComplete}
                value={values[name]}
                {...described}
                onChange={(e) => setValues({ ...values, [name]: e.target.value })}
              />
            )}
          </Field>
        ))}
        {change.error && <ErrorAlert error={change.error} />}
        <DialogActions label="Change password" pendingLabel="Changing…" pending={change.isPending} />
      </CheckedForm>
    </section>
  );
}
