/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` serves the app on 5173 and forwards /api to `func start` (port 7071).
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:7071' },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
