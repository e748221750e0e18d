import { CallPanel } from './CallPanel';
import type { DemoWorld } from './createDemoWorld';
import { ALICE, BOB } from './createDemoWorld';
import { DevicePane } from './DevicePane';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { P2PChat } from './P2PChat';

const p2pMethods = ['sendP2PMessageReceipt', 'getP2PMessageReceipt', 'getSelfReadTime'] as const;

/** Alice and Bob side by side; Bob is logged in on a laptop and a phone. */
export function OneToOneTab(props: { world: DemoWorld }) {
  const { world } = props;
  const { strings } = useDemoStrings();
  const panes = [
    {
      device: world.alice,
      title: strings.paneTitle({ name: 'Alice' }),
      peer: 'Bob',
    },
    {
      device: world.bobLaptop,
      title: strings.paneTitle({ name: 'Bob', device: strings.deviceLaptop }),
      peer: 'Alice',
    },
    {
      device: world.bobPhone,
      title: strings.paneTitle({ name: 'Bob', device: strings.devicePhone }),
      peer: 'Alice',
    },
  ];
  return (
    <div className="demo-p2p">
      <div className="demo-panes">
        {panes.map((pane) => (
          <DevicePane
            key={pane.device.deviceId}
            device={pane.device}
            title={pane.title}
            subtitle={strings.chatWith(pane.peer)}
          >
            <P2PChat
              device={pane.device}
              peerAccountId={pane.device.accountId === ALICE ? BOB : ALICE}
              peerName={pane.peer}
              paneTitle={pane.title}
            />
          </DevicePane>
        ))}
      </div>
      <CallPanel
        counter={world.counter}
        devices={panes.map((pane) => ({ deviceId: pane.device.deviceId, label: pane.title }))}
        methods={p2pMethods}
      />
    </div>
  );
}
