import type { ResolveMember } from '@readmark/react';
import { useCallback } from 'react';
import { CallPanel } from './CallPanel';
import { ALICE, BOB, type DemoWorld, TEAM_ID } from './createDemoWorld';
import { DevicePane } from './DevicePane';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { SimulationSwitch } from './SimulationSwitch';
import { TeamChat } from './TeamChat';

const teamMethods = [
  'getTeamMessageReceipts',
  'getTeamMessageReceiptDetail',
  'sendTeamMessageReceipts',
] as const;

/**
 * A team of about 150: Alice sends, simulated members read over a few seconds and the badges count
 * down. Bob's laptop is a real member, so his engine's batched team receipts show in the call panel.
 */
export function TeamTab(props: { world: DemoWorld }) {
  const { world } = props;
  const { strings } = useDemoStrings();
  const teamTitle = strings.teamTitle({ name: strings.teamName, memberCount: world.teamSize });

  // Handed to each pane's ReceiptProvider; the sheet and TeamChat read it with useMemberResolver.
  const resolveMember = useCallback<ResolveMember>(
    (accountId) => {
      if (accountId === ALICE) return { name: 'Alice' };
      if (accountId === BOB) return { name: 'Bob' };
      const match = /^m(\d+)$/.exec(accountId);
      // Unknown accounts are left to the kit, which shows the account id.
      return match?.[1] ? { name: strings.member(match[1]) } : undefined;
    },
    [strings],
  );
  const panes = [
    { device: world.alice, title: strings.paneTitle({ name: 'Alice' }) },
    {
      device: world.bobLaptop,
      title: strings.paneTitle({ name: 'Bob', device: strings.deviceLaptop }),
    },
  ];

  return (
    <div className="demo-team">
      <div className="demo-team-main">
        <div className="demo-team-intro">
          <p className="demo-hint">{strings.teamHint}</p>
          <SimulationSwitch simulation={world.simulation} />
        </div>
        <div className="demo-panes demo-panes-two">
          {panes.map((pane) => (
            <DevicePane
              key={pane.device.deviceId}
              device={pane.device}
              title={pane.title}
              subtitle={teamTitle}
              resolveMember={resolveMember}
            >
              <TeamChat
                device={pane.device}
                teamId={TEAM_ID}
                teamName={teamTitle}
                paneTitle={pane.title}
              />
            </DevicePane>
          ))}
        </div>
      </div>
      <CallPanel
        counter={world.counter}
        devices={panes.map((pane) => ({ deviceId: pane.device.deviceId, label: pane.title }))}
        methods={teamMethods}
      />
    </div>
  );
}
