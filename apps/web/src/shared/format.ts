const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp as the operator reads it, in their locale. */
export const formatDate = (iso: string) => dateFormat.format(new Date(iso));
