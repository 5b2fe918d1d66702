// Same Vite, plugin and target as apps/web, so the baseline differs from the console only in app code.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({ plugins: [react()], build: { target: 'es2022', sourcemap: false } });
