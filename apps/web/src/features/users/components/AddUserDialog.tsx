import {
  AddUserRequest,
  type Role,
  type TemporaryPassword,
  USERNAME_MAX_LENGTH,
} from '@gateway-console/contract';
import { useState } from 'react';
import { CheckedForm } from '../../../shared/CheckedForm.tsx';
import { Dialog } from '../../../shared/Dialog.tsx';
import { DialogActions } from '../../../shared/DialogActions.tsx';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { Field } from '../../../shared/Field.tsx';
import { useFieldErrors, zodFieldErrors } from '../../../shared/fieldErrors.ts';
import { useAddUser } from '../api/useAddUser.ts';
import { RoleOptions } from './RoleOptions.tsx';
import { TemporaryPasswordNotice } from './TemporaryPasswordNotice.tsx';

function AddUserForm({
  onAdded,
  onCancel,
}: {
  onAdded: (added: TemporaryPassword) => void;
  onCancel: () => void;
}) {
  const add = useAddUser();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const { errors, setClientErrors } = useFieldErrors(add.error);
  return (
    <CheckedForm
      className="form"
      onSubmit={() => {
        const request = AddUserRequest.safeParse({ username, role });
        if (!request.success) return setClientErrors(zodFieldErrors(request.error));
        setClientErrors({});
        add.mutate(request.data, { onSuccess: onAdded });
      }}
    >
      <Field
        label="Username"
        hint="The name the audit log shows, e.g. a first name or an e-mail address."
        error={errors.username}
        errorId="add-user-username-error"
      >
        {(described) => (
          <input
            value={username}
            maxLength={USERNAME_MAX_LENGTH}
            autoComplete="off"
            {...described}
            onChange={(e) => setUsername(e.target.value)}
          />
        )}
      </Field>
      <label className="field">
        <span>Role</span>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <RoleOptions />
        </select>
      </label>
      {add.error && <ErrorAlert error={add.error} />}
      <DialogActions onCancel={onCancel} label="Add" pendingLabel="Adding…" pending={add.isPending} />
    </CheckedForm>
  );
}

/** Add user: a name and a role in, a temporary password out (shown once). */
export function AddUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [added, setAdded] = useState<TemporaryPassword>();
  const close = () => {
    setAdded(undefined);
    onClose();
  };
  return (
    <Dialog open={open} title={added ? `${added.username} added` : 'Add user'} onClose={close}>
      {added ? (
        <TemporaryPasswordNotice
          username={added.username}
          password={added.temporaryPassword}
          onDone={close}
        />
      ) : (
        <AddUserForm onAdded={setAdded} onCancel={close} />
      )}
    </Dialog>
  );
}
