export function App() {
  return (
    <main>
      <h1>Beeper Account Manager</h1>
    </main>
  );
}
