import { useCallback } from 'react';
import { CallPanel } from './CallPanel';
import { ALICE, type DemoWorld, TEAM_ID } from './createDemoWorld';
import { DevicePane } from './DevicePane';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { SimulationSwitch } from './SimulationSwitch';
import { TeamChat } from './TeamChat';

const teamMethods = [
  'getTeamMessageReceipts',
  'getTeamMessageReceiptDetail',
  'sendTeamMessageReceipts',
] as const;

/** Alice sends to a team of about 150; simulated members read and the badges count down. */
export function TeamTab(props: { world: DemoWorld }) {
  const { world } = props;
  const { strings } = useDemoStrings();
  const memberCount = world.teamMemberIds.length + 1;
  const teamTitle = strings.teamTitle({ name: strings.teamName, memberCount });

  const resolveName = useCallback(
    (accountId: string) => {
      if (accountId === ALICE) return 'Alice';
      const match = /^m(\d+)$/.exec(accountId);
      return match?.[1] ? strings.member(match[1]) : accountId;
    },
    [strings],
  );
  const resolveMember = useCallback(
    (accountId: string) => ({ name: resolveName(accountId) }),
    [resolveName],
  );

  return (
    <div className="demo-team">
      <div className="demo-team-main">
        <p className="demo-hint">{strings.teamHint}</p>
        <SimulationSwitch simulation={world.simulation} />
        <DevicePane
          device={world.alice}
          title={strings.paneTitle({ name: 'Alice' })}
          subtitle={teamTitle}
          resolveMember={resolveMember}
        >
          <TeamChat
            device={world.alice}
            teamId={TEAM_ID}
            teamName={teamTitle}
            selfName="Alice"
            resolveName={resolveName}
          />
        </DevicePane>
      </div>
      <CallPanel
        counter={world.counter}
        devices={[{ deviceId: world.alice.deviceId, label: strings.paneTitle({ name: 'Alice' }) }]}
        methods={teamMethods}
      />
    </div>
  );
}
