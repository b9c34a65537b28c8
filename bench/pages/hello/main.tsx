/** The bench's baseline app: React + zustand, one store, one component, nothing else. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { create } from 'zustand';

const useGreeting = create<{ name: string; setName: (n: string) => void }>()((set) => ({ name: 'world', setName: (name) => set({ name }) }));

function Hello() {
  const name = useGreeting((s) => s.name);
  return <h1>Hello, {name}</h1>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Hello />
  </StrictMode>,
);
