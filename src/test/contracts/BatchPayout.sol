// SPDX-License-Identifier: UNLICENSED
// Treasury's batch-transfer contract. It speaks the Disperse ABI so the app can use this contract on
// the local development network and the public Disperse deployments elsewhere with the same code.
// It holds no funds between calls and has no owner, no upgrade path and no constructor arguments,
// so its runtime code (and therefore its code hash) is fixed by this source and the compiler settings.
pragma solidity 0.8.37;

interface IERC20Transfers {
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

contract BatchPayout {
    error LengthMismatch();
    error EtherTransferFailed(uint256 index);
    error TokenTransferFailed(uint256 index);
    error Reentered();
    /// values[0..index] add up to more than msg.value.
    error InsufficientValue(uint256 index);
    /// recipients[index] has bits set above its 20 bytes: malformed calldata, as the ABI decoder would reject it.
    error InvalidRecipient(uint256 index);

    /// Index reported for a failure that is no one recipient's: the ETH refund, the token pull of the total.
    uint256 private constant NO_RECIPIENT = type(uint256).max;
    /// Why the ETH loop stopped early (set in assembly, turned into the errors above after it).
    uint256 private constant STOPPED_NO = 0;
    uint256 private constant STOPPED_VALUE = 1;
    uint256 private constant STOPPED_RECIPIENT = 2;
    uint256 private constant STOPPED_TRANSFER = 3;
    uint256 private constant ADDRESS_BITS = 160;
    uint256 private constant WORD_SHIFT = 5; // log2 of the 32-byte calldata word

    // Transient storage (EIP-1153, cancun): a fraction of a storage slot's cost and cleared after
    // every transaction. It is still reset on exit, so two calls in one transaction both work.
    bool private transient locked;

    // Recipients receive ETH with a call that forwards all gas (contract wallets need more than a
    // stipend); the lock keeps a recipient from re-entering either function while a batch runs.
    modifier nonReentrant() {
        if (locked) revert Reentered();
        locked = true;
        _;
        locked = false;
    }

    // All or nothing: pays values[i] to recipients[i] in order, then refunds msg.value minus the sum
    // to the caller. Only the caller's own msg.value is ever paid out or refunded, never
    // address(this).balance: ETH forced in without a call (selfdestruct, a block reward) stays here
    // untouched, so the next caller can neither take it as a "refund" nor have it cover values that
    // add up to more than what that caller sent. It cannot be spent by anyone, which harms no payer.
    function disperseEther(address[] calldata recipients, uint256[] calldata values) external payable nonReentrant {
        if (recipients.length != values.length) revert LengthMismatch();
        uint256 remaining = msg.value;
        uint256 stopped = STOPPED_NO;
        uint256 stoppedAt;
        // The loop is in assembly only because it runs once per recipient, and the plain Solidity
        // version costs more gas than a Disperse call. It keeps every check of that version: the
        // ABI decoder has already checked that both arrays lie within calldata and the lengths are
        // equal above, so each pair is read straight from calldata; a value is compared with what
        // is left before it is subtracted (no wrap-around, and the first index past msg.value is
        // named); an address with dirty upper bits is refused as the decoder would; and the call
        // copies no return data (a recipient's is of no use, and a contract returning a lot of it
        // cannot make the batch pay for the copy).
        assembly ("memory-safe") {
            let at := recipients.offset
            let end := add(at, shl(WORD_SHIFT, recipients.length))
            let toValue := sub(values.offset, at)
            for {} lt(at, end) { at := add(at, 0x20) } {
                let to := calldataload(at)
                let value := calldataload(add(at, toValue))
                if gt(value, remaining) {
                    stopped := STOPPED_VALUE
                    break
                }
                remaining := sub(remaining, value)
                if shr(ADDRESS_BITS, to) {
                    stopped := STOPPED_RECIPIENT
                    break
                }
                if iszero(call(gas(), to, value, 0, 0, 0, 0)) {
                    stopped := STOPPED_TRANSFER
                    break
                }
            }
            stoppedAt := shr(WORD_SHIFT, sub(at, recipients.offset))
        }
        if (stopped == STOPPED_VALUE) revert InsufficientValue(stoppedAt);
        if (stopped == STOPPED_RECIPIENT) revert InvalidRecipient(stoppedAt);
        if (stopped == STOPPED_TRANSFER) revert EtherTransferFailed(stoppedAt);
        if (remaining > 0) {
            bool refunded;
            assembly ("memory-safe") {
                refunded := call(gas(), caller(), remaining, 0, 0, 0, 0)
            }
            if (!refunded) revert EtherTransferFailed(NO_RECIPIENT);
        }
    }

    // One transferFrom of the total, then one transfer per recipient. The token must return true:
    // a token whose functions return nothing fails ABI decoding here and the whole batch reverts.
    function disperseToken(IERC20Transfers token, address[] calldata recipients, uint256[] calldata values)
        external
        nonReentrant
    {
        if (recipients.length != values.length) revert LengthMismatch();
        uint256 total = 0;
        for (uint256 i = 0; i < values.length; ++i) total += values[i];
        if (!token.transferFrom(msg.sender, address(this), total)) revert TokenTransferFailed(NO_RECIPIENT);
        for (uint256 i = 0; i < recipients.length; ++i) {
            if (!token.transfer(recipients[i], values[i])) revert TokenTransferFailed(i);
        }
    }
}
