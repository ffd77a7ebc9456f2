// Runs in: main (plain Node). The status words (SW1SW2) of the Ledger Ethereum app and of the
// device OS that this app reacts to. Values come from LedgerHQ/app-ethereum (apdu_constants.h,
// the SDK's status words) and @ledgerhq/errors' StatusCodes; names say what they mean to us.

/** Success. */
export const SW_OK = 0x9000
/** The user refused on the device ("Condition of use not satisfied"). */
export const SW_USER_REJECTED = 0x6985
/** Older firmwares' refusal code (UserRefusedOnDevice in @ledgerhq/errors). */
export const SW_USER_REFUSED_LEGACY = 0x5501
/** Invalid data; during SIGN TX also what the app answers when blind signing is needed but disabled. */
export const SW_INVALID_DATA = 0x6a80
/** A transaction type (EIP-2718 envelope byte) the app does not handle. */
export const SW_TX_TYPE_NOT_SUPPORTED = 0x6501
/** A continuation chunk arrived with no operation in progress. */
export const SW_COMMAND_NOT_ALLOWED = 0x6986
/** EIP-712: a struct implementation, filter or signature arrived with no definitions (SWO_COMMAND_NOT_ALLOWED). */
export const SW_NO_EIP712_CONTEXT = 0x6980
/** EIP-712: a failure the app gives no detail for, e.g. an unknown root struct (SWO_PARAMETER_ERROR_NO_INFO). */
export const SW_PARAMETER_ERROR = 0x6a00
/** EIP-712: filtering was activated but the filters it announced never came (SWO_REFERENCED_DATA_NOT_FOUND). */
export const SW_REFERENCED_DATA_NOT_FOUND = 0x6a88
/** P1 or P2 out of range. */
export const SW_WRONG_P1_P2 = 0x6b00
/** Lc does not match the data. */
export const SW_WRONG_LENGTH = 0x6700
/** Instruction not supported by the open app. */
export const SW_INS_NOT_SUPPORTED = 0x6d00
/** Class byte not supported: typically another app than Ethereum is open. */
export const SW_CLA_NOT_SUPPORTED = 0x6e00
/** Answer of the dashboard (no app open) to an app's class byte. */
export const SW_APP_NOT_OPEN = 0x6e01
/** Another "no app open" answer seen from recent dashboards. */
export const SW_APP_NOT_OPEN_ALT = 0x6511
/** The device is locked (PIN not entered, or auto-lock kicked in). */
export const SW_LOCKED = 0x5515
/** Older firmwares' answer while locked ("security status not satisfied"). */
export const SW_LOCKED_LEGACY = 0x6982
/** The dashboard's answer to a command no app handles ("unknown APDU"): no app is open. */
export const SW_UNKNOWN_APDU = 0x6d02
/** The device was never set up (no seed, no PIN): two values across firmwares, and PIN not set. */
export const SW_NOT_ONBOARDED = 0x6d07
export const SW_NOT_ONBOARDED_ALT = 0x6611
export const SW_PIN_NOT_SET = 0x5502
/** The device started in recovery mode. */
export const SW_RECOVERY_MODE = 0x662f
/** The app stopped on an internal error: every word from 0x6F00 to 0x6FFF (0x6FAA: halted). */
export const SW_INTERNAL_FIRST = 0x6f00
export const SW_INTERNAL_LAST = 0x6fff

/** Class and instructions of the Ethereum app. */
export const CLA_ETH = 0xe0
export const INS_GET_ADDRESS = 0x02
export const INS_SIGN_TX = 0x04
export const INS_GET_APP_CONFIGURATION = 0x06
export const INS_SIGN_PERSONAL_MESSAGE = 0x08
export const INS_PROVIDE_ERC20_TOKEN_INFORMATION = 0x0a
export const INS_SIGN_EIP712 = 0x0c
export const INS_EIP712_STRUCT_DEF = 0x1a
export const INS_EIP712_STRUCT_IMPL = 0x1c
export const INS_EIP712_FILTERING = 0x1e

/** Device-OS command available in every app and on the dashboard: which app is open, which version. */
export const CLA_OS = 0xb0
export const INS_GET_APP_AND_VERSION = 0x01

/** P1 values of the Ethereum app. */
export const P1_NO_DISPLAY = 0x00
export const P1_DISPLAY = 0x01
export const P1_FIRST_CHUNK = 0x00
export const P1_MORE_CHUNKS = 0x80
/** P2 values of GET ADDRESS. */
export const P2_NO_CHAIN_CODE = 0x00
export const P2_CHAIN_CODE = 0x01

/** P2 of SIGN EIP-712: v0 (domain and message hashes) or the full implementation (definitions sent before). */
export const P2_EIP712_HASHED = 0x00
export const P2_EIP712_FULL = 0x01

/** GET APP CONFIGURATION flag bits. */
export const APP_FLAG_BLIND_SIGNING_ENABLED = 0x01
export const APP_FLAG_EXTERNAL_TOKEN_NEEDED = 0x02

export function statusWordHex(sw: number): string {
  return '0x' + sw.toString(16).padStart(4, '0')
}
