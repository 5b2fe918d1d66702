import { z } from 'zod';
import { Role } from './schemas.ts';

// ---------------------------------------------------------------- people (users and passwords)

/** Where a person signs in: a password here, the company's OpenID Connect provider, or an SSO proxy. */
export const UserSource = z.enum(['local', 'oidc', 'proxy']);
export type UserSource = z.infer<typeof UserSource>;

/** Longest username the console accepts (an e-mail address fits). */
export const USERNAME_MAX_LENGTH = 64;

/**
 * A new user's name: no control characters, unpaired surrogates or bidirectional overrides
 * (U+202A–U+202E, U+2066–U+2069), which could make one name look like another in the audit log.
 */
export const Username = z
  .string()
  .min(1, 'Enter a username')
  .max(USERNAME_MAX_LENGTH, `At most ${USERNAME_MAX_LENGTH} characters`)
  .regex(/^[^\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]*$/u, 'Must not contain control or direction characters')
  .regex(/^\S(.*\S)?$/u, 'Must not start or end with a space');

/** Shortest password the console accepts; length is what makes a password strong. */
export const PASSWORD_MIN_LENGTH = 12;

/** A password a person chooses: long enough, and not one character repeated or a trivial run. */
export const NewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters`)
  .max(1024, 'At most 1024 characters')
  .refine((p) => new Set(p).size >= 5, 'Use at least 5 different characters');

export const User = z.object({
  username: z.string(),
  role: Role,
  source: UserSource,
  disabled: z.boolean(),
  /** Signed in with a temporary password that has not been changed yet. */
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const UserList = z.object({ items: z.array(User) });
export type UserList = z.infer<typeof UserList>;

export const AddUserRequest = z.strictObject({ username: Username, role: Role });
export type AddUserRequest = z.infer<typeof AddUserRequest>;

/** A one-time password, shown to the admin once; its owner must change it on first sign-in. */
export const TemporaryPassword = z.object({
  username: z.string(),
  role: Role,
  temporaryPassword: z.string(),
});
export type TemporaryPassword = z.infer<typeof TemporaryPassword>;

export const UpdateUserRequest = z
  .strictObject({
    role: Role.optional(),
    disabled: z.boolean().optional(),
    /** True: replace the password with a new temporary one (returned once). */
    resetPassword: z.literal(true).optional(),
  })
  .refine((r) => r.role !== undefined || r.disabled !== undefined || r.resetPassword, {
    message: 'Say what to change: role, disabled or resetPassword',
  });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** The user after the change; with `temporaryPassword` when it was reset. */
export const UpdateUserResponse = User.extend({ temporaryPassword: z.string().optional() });
export type UpdateUserResponse = z.infer<typeof UpdateUserResponse>;

export const ChangePasswordRequest = z
  .strictObject({ currentPassword: z.string().min(1).max(1024), newPassword: NewPassword })
  .refine((r) => r.newPassword !== r.currentPassword, {
    message: 'The new password must differ from the current one',
    path: ['newPassword'],
  });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** The ways in the sign-in page offers (GET /api/session/methods). */
export const SignInMethods = z.object({ password: z.boolean(), oidc: z.boolean() });
export type SignInMethods = z.infer<typeof SignInMethods>;
