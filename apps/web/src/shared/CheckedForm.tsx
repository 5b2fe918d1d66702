import type { FormHTMLAttributes } from 'react';

/**
 * A form the console checks itself, with its own messages beside the fields rather than the browser's,
 * and sends by script: `onSubmit` runs instead of a navigation.
 */
export function CheckedForm({
  onSubmit,
  ...form
}: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'noValidate'> & { onSubmit: () => void }) {
  return (
    <form
      noValidate
      {...form}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    />
  );
}
