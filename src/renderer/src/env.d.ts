// Runs in: renderer (types only). Vite's client types: lets main.tsx import the stylesheet.
/// <reference types="vite/client" />
