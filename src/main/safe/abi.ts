// Runs in: main (plain Node). The parts of the Safe contracts (1.3.0 and 1.4.1) and of
// MultiSendCallOnly that Treasury calls, reads or decodes, as ethers Interfaces, with the storage
// slots that are not reachable through a getter.
import { Interface, id } from 'ethers'

export const SAFE_ABI = [
  'function VERSION() view returns (string)',
  'function getOwners() view returns (address[])',
  'function getThreshold() view returns (uint256)',
  'function nonce() view returns (uint256)',
  'function isOwner(address owner) view returns (bool)',
  'function getModulesPaginated(address start, uint256 pageSize) view returns (address[] array, address next)',
  'function getStorageAt(uint256 offset, uint256 length) view returns (bytes)',
  'function getTransactionHash(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, uint256 _nonce) view returns (bytes32)',
  'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool success)',
  'event ExecutionSuccess(bytes32 txHash, uint256 payment)',
  'event ExecutionFailure(bytes32 txHash, uint256 payment)'
] as const
export const safeInterface = new Interface(SAFE_ABI)

export const MULTI_SEND_ABI = ['function multiSend(bytes transactions) payable'] as const
export const multiSendInterface = new Interface(MULTI_SEND_ABI)

/** Both versions emit these with the same signature (1.4.1 indexes txHash, 1.3.0 does not): same topic. */
export const EXECUTION_SUCCESS_TOPIC = id('ExecutionSuccess(bytes32,uint256)')
export const EXECUTION_FAILURE_TOPIC = id('ExecutionFailure(bytes32,uint256)')

/** Slot 0 of a SafeProxy holds the singleton it delegates to (`masterCopy()` is not part of the interface). */
export const SINGLETON_SLOT = 0n
/** GuardManager's slot: keccak256("guard_manager.guard.address"). */
export const GUARD_SLOT = BigInt(id('guard_manager.guard.address'))
/** FallbackManager's slot: keccak256("fallback_manager.handler.address"). */
export const FALLBACK_HANDLER_SLOT = BigInt(id('fallback_manager.handler.address'))
/** `uint256 nonce` in Safe 1.3.0 and 1.4.1 storage. */
export const NONCE_SLOT = 5n
/** `mapping(address => mapping(bytes32 => uint256)) approvedHashes` in Safe 1.3.0 and 1.4.1 storage. */
export const APPROVED_HASHES_SLOT = 8n
/** The sentinel that starts and ends the owners' and modules' linked lists. */
export const SENTINEL = '0x0000000000000000000000000000000000000001'

export const OPERATION = { call: 0, delegateCall: 1 } as const
export type Operation = (typeof OPERATION)[keyof typeof OPERATION]
