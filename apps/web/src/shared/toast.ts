import { create } from 'zustand';

export interface Toast {
  id: number;
  message: string;
}

interface Toasts {
  toasts: Toast[];
  dismiss: (id: number) => void;
}

/** UI state of the shell's toasts: what was just done, said once, then gone. */
export const useToasts = create<Toasts>()((set) => ({
  toasts: [],
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

let nextId = 1;
const shownFor = 6000;

/** Confirms a finished action in the shell's toast (role=status): "Canary promoted", "Cache flushed". */
export function showToast(message: string) {
  const id = nextId++;
  useToasts.setState((s) => ({ toasts: [...s.toasts.slice(-2), { id, message }] }));
  window.setTimeout(() => useToasts.getState().dismiss(id), shownFor);
}
