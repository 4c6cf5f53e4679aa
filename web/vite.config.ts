import { defineConfig } from "vite";

/** The board is served by the gateway under /board/ (development); `npm run build:web` writes dist/. */
export default defineConfig({
  base: "/board/",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: { proxy: { "/graphql": { target: "http://127.0.0.1:4000", ws: true }, "/dev": "http://127.0.0.1:4000" } },
});
