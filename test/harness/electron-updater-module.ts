/** What `import electronUpdater from 'electron-updater'` gives the app in the harness: the emulation's updater. */
const CURRENT = Symbol.for('bam.harness.electron');

const electronUpdater = {
  get autoUpdater(): unknown {
    const e = (globalThis as Record<symbol, { autoUpdater: unknown } | null | undefined>)[CURRENT];
    if (!e) throw new Error('no emulated Electron is running');
    return e.autoUpdater;
  },
};

export default electronUpdater;
