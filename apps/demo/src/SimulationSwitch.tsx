import { useId, useSyncExternalStore } from 'react';
import type { TeamSimulation } from './createDemoWorld';
import { useDemoStrings } from './i18n/DemoStringsContext';

/** Pauses and resumes the simulated team members. */
export function SimulationSwitch(props: { simulation: TeamSimulation }) {
  const { simulation } = props;
  const { strings } = useDemoStrings();
  const isRunning = useSyncExternalStore(
    simulation.subscribe,
    simulation.isRunning,
    simulation.isRunning,
  );
  const id = useId();
  return (
    <div className="demo-check">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={isRunning}
        aria-checked={isRunning}
        onChange={(event) => simulation.setRunning(event.target.checked)}
      />
      <label htmlFor={id}>{strings.simulation}</label>
    </div>
  );
}
