import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/** The board is served by the gateway under /board/ (development); `npm run build:web` writes dist/. */
export default defineConfig({
  base: "/board/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Pages beside the board: the printable minutes and the charts.
    rollupOptions: {
      input: {
        board: fileURLToPath(new URL("./index.html", import.meta.url)),
        minutes: fileURLToPath(new URL("./minutes.html", import.meta.url)),
        reports: fileURLToPath(new URL("./reports.html", import.meta.url)),
      },
    },
  },
  server: { proxy: { "/graphql": { target: "http://127.0.0.1:4000", ws: true }, "/dev": "http://127.0.0.1:4000" } },
});
