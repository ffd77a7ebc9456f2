// SPDX-License-Identifier: UNLICENSED
// Treasury's batch-transfer contract. It speaks the Disperse ABI so the app can use this contract on
// the local development network and the public Disperse deployments elsewhere with the same code,
// and adds two packed functions that take each payment as one word (amount in the top 96 bits,
// recipient in the low 160): half the calldata, which is most of the fee on a rollup.
// It holds no funds between calls and has no owner, no upgrade path and no constructor arguments,
// so its runtime code (and therefore its code hash) is fixed by this source and the compiler settings.
//
// The loops are in assembly only because they run once per recipient, and the plain Solidity
// version costs more gas than the public batch contracts. They keep every check of that version:
// the ABI decoder has already checked that the arrays lie within calldata (and the lengths are
// compared first), so each word is read straight from calldata; an ETH value is compared with what
// is left of msg.value before it is subtracted and sent (no wrap-around, the first index past it is
// named); a recipient word with dirty upper bits is refused as the decoder would; each failure
// reverts with the named error and index below, built in assembly where it happens.
pragma solidity 0.8.37;

interface IERC20Transfers {
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

contract BatchPayout {
    error LengthMismatch();
    /// Sending ETH to recipients[index] (or payments[index]) failed; NO_RECIPIENT: the refund to the caller.
    error EtherTransferFailed(uint256 index);
    /// The token's transfer to recipients[index] (or payments[index]) did not return true; NO_RECIPIENT: the pull of the total.
    error TokenTransferFailed(uint256 index);
    error Reentered();
    /// values[0..index] add up to more than msg.value.
    error InsufficientValue(uint256 index);
    /// recipients[index] has bits set above its 20 bytes: malformed calldata, as the ABI decoder would reject it.
    error InvalidRecipient(uint256 index);

    /// Index reported for a failure that is no one recipient's: the ETH refund, the token pull of the total.
    uint256 private constant NO_RECIPIENT = type(uint256).max;
    // The errors' selectors, for the reverts built in assembly (a test decodes each one by the ABI).
    uint256 private constant ETHER_TRANSFER_FAILED = 0x0a44e708;
    uint256 private constant TOKEN_TRANSFER_FAILED = 0x48b2bcf8;
    uint256 private constant INSUFFICIENT_VALUE = 0xa518cf3c;
    uint256 private constant INVALID_RECIPIENT = 0x8e605c6f;
    /// Panic(0x11), what checked arithmetic reverts with on overflow.
    uint256 private constant PANIC = 0x4e487b71;
    uint256 private constant PANIC_OVERFLOW = 0x11;

    uint256 private constant ADDRESS_BITS = 160;
    /// A packed payment's recipient moved to the top of a word, above 12 zero bytes.
    uint256 private constant RECIPIENT_TO_TOP = 96;
    uint256 private constant WORD = 0x20;
    uint256 private constant WORD_SHIFT = 5; // log2 of the 32-byte calldata word
    uint256 private constant SELECTOR_SHIFT = 224;
    uint256 private constant TRANSFER = 0xa9059cbb; // transfer(address,uint256)
    uint256 private constant TRANSFER_FROM = 0x23b872dd; // transferFrom(address,address,uint256)
    uint256 private constant TRANSFER_ARGS = 0x44;
    uint256 private constant TRANSFER_FROM_ARGS = 0x64;

    // Transient storage (EIP-1153, cancun): a fraction of a storage slot's cost and cleared after
    // every transaction. It is still reset on exit, so two calls in one transaction both work.
    bool private transient locked;

    // Recipients receive ETH with a call that forwards all gas (contract wallets need more than a
    // stipend), and a token may call out during a transfer; the lock keeps anyone from re-entering
    // any function while a batch runs.
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
    // Each call copies no return data (a recipient's is of no use, and a contract returning a lot
    // of it cannot make the batch pay for the copy).
    function disperseEther(address[] calldata recipients, uint256[] calldata values) external payable nonReentrant {
        if (recipients.length != values.length) revert LengthMismatch();
        uint256 remaining = msg.value;
        assembly ("memory-safe") {
            function fail(selector, index) {
                mstore(0, shl(SELECTOR_SHIFT, selector))
                mstore(4, index)
                revert(0, 0x24)
            }
            let first := recipients.offset
            let end := add(first, shl(WORD_SHIFT, recipients.length))
            let toValue := sub(values.offset, first)
            if recipients.length {
                for { let at := first } 1 {} {
                    let to := calldataload(at)
                    let value := calldataload(add(at, toValue))
                    if gt(value, remaining) {
                        fail(INSUFFICIENT_VALUE, shr(WORD_SHIFT, sub(at, first)))
                    }
                    remaining := sub(remaining, value)
                    if shr(ADDRESS_BITS, to) {
                        fail(INVALID_RECIPIENT, shr(WORD_SHIFT, sub(at, first)))
                    }
                    if iszero(call(gas(), to, value, 0, 0, 0, 0)) {
                        fail(ETHER_TRANSFER_FAILED, shr(WORD_SHIFT, sub(at, first)))
                    }
                    at := add(at, WORD)
                    if eq(at, end) {
                        break
                    }
                }
            }
        }
        _refund(remaining);
    }

    // disperseEther with payments[i] = values[i] << 160 | recipients[i]. Every word is a valid
    // pair (a value of at most 96 bits, about 7.9e28 wei), so there are no dirty bits to refuse;
    // the value accounting, the named errors and the refund are those of disperseEther.
    function disperseEtherPacked(uint256[] calldata payments) external payable nonReentrant {
        uint256 remaining = msg.value;
        assembly ("memory-safe") {
            function fail(selector, index) {
                mstore(0, shl(SELECTOR_SHIFT, selector))
                mstore(4, index)
                revert(0, 0x24)
            }
            let first := payments.offset
            let end := add(first, shl(WORD_SHIFT, payments.length))
            if payments.length {
                for { let at := first } 1 {} {
                    let payment := calldataload(at)
                    let value := shr(ADDRESS_BITS, payment)
                    if gt(value, remaining) {
                        fail(INSUFFICIENT_VALUE, shr(WORD_SHIFT, sub(at, first)))
                    }
                    remaining := sub(remaining, value)
                    // CALL takes the low 160 bits of its address operand: the value above is not part of it.
                    if iszero(call(gas(), payment, value, 0, 0, 0, 0)) {
                        fail(ETHER_TRANSFER_FAILED, shr(WORD_SHIFT, sub(at, first)))
                    }
                    at := add(at, WORD)
                    if eq(at, end) {
                        break
                    }
                }
            }
        }
        _refund(remaining);
    }

    // One transferFrom of the total into this contract, then one transfer per recipient, so the
    // batch moves exactly the caller's tokens and never a balance this contract may hold (for a
    // token that moves what it is asked to: one that keeps a fee on transfers would short this
    // contract, and its last transfers could draw on such a balance or fail). Every
    // token call must return true (32 bytes or more, the first word exactly 1): a token whose
    // functions return nothing fails here with TokenTransferFailed and the whole batch reverts;
    // a token call that reverts makes the batch revert with the token's own reason (as a Solidity
    // call would), so the planner can show the user why a row cannot be paid.
    function disperseToken(IERC20Transfers token, address[] calldata recipients, uint256[] calldata values)
        external
        nonReentrant
    {
        if (recipients.length != values.length) revert LengthMismatch();
        uint256 callData;
        {
            uint256 total;
            assembly ("memory-safe") {
                let at := values.offset
                let end := add(at, shl(WORD_SHIFT, values.length))
                if values.length {
                    for {} 1 {} {
                        let value := calldataload(at)
                        total := add(total, value)
                        if lt(total, value) {
                            mstore(0, shl(SELECTOR_SHIFT, PANIC))
                            mstore(4, PANIC_OVERFLOW)
                            revert(0, 0x24)
                        }
                        at := add(at, WORD)
                        if eq(at, end) {
                            break
                        }
                    }
                }
            }
            callData = _pullTotal(token, total);
        }
        assembly ("memory-safe") {
            function fail(selector, index) {
                mstore(0, shl(SELECTOR_SHIFT, selector))
                mstore(4, index)
                revert(0, 0x24)
            }
            // transfer(to, value), written past the free memory pointer, which is not moved:
            // nothing else allocates while the loop runs.
            mstore(callData, shl(SELECTOR_SHIFT, TRANSFER))
            let toSlot := add(callData, 0x04)
            let first := recipients.offset
            let end := add(first, shl(WORD_SHIFT, recipients.length))
            let toValue := sub(values.offset, first)
            if recipients.length {
                for { let at := first } 1 {} {
                    let to := calldataload(at)
                    if shr(ADDRESS_BITS, to) {
                        fail(INVALID_RECIPIENT, shr(WORD_SHIFT, sub(at, first)))
                    }
                    mstore(toSlot, to)
                    mstore(add(callData, 0x24), calldataload(add(at, toValue)))
                    // The answer word is cleared first, so reading 1 there means 32 bytes of true came back.
                    mstore(0, 0)
                    let ok := call(gas(), token, 0, callData, TRANSFER_ARGS, 0, WORD)
                    if iszero(and(ok, eq(mload(0), 1))) {
                        if iszero(ok) {
                            returndatacopy(callData, 0, returndatasize())
                            revert(callData, returndatasize())
                        }
                        fail(TOKEN_TRANSFER_FAILED, shr(WORD_SHIFT, sub(at, first)))
                    }
                    at := add(at, WORD)
                    if eq(at, end) {
                        break
                    }
                }
            }
        }
    }

    // disperseToken with payments[i] = values[i] << 160 | recipients[i]. The total of fewer than
    // 2^160 values of 96 bits each cannot overflow, so it is summed unchecked.
    function disperseTokenPacked(IERC20Transfers token, uint256[] calldata payments) external nonReentrant {
        uint256 total;
        assembly ("memory-safe") {
            let at := payments.offset
            let end := add(at, shl(WORD_SHIFT, payments.length))
            if payments.length {
                for {} 1 {} {
                    total := add(total, shr(ADDRESS_BITS, calldataload(at)))
                    at := add(at, WORD)
                    if eq(at, end) {
                        break
                    }
                }
            }
        }
        uint256 callData = _pullTotal(token, total);
        assembly ("memory-safe") {
            function fail(selector, index) {
                mstore(0, shl(SELECTOR_SHIFT, selector))
                mstore(4, index)
                revert(0, 0x24)
            }
            // The recipient's word is written 12 bytes later than the argument's slot, with the
            // recipient shifted to its top: its 20 bytes land at the end of the slot, whose first 12
            // bytes stay the zeros written here once.
            mstore(callData, shl(SELECTOR_SHIFT, TRANSFER))
            mstore(add(callData, 0x04), 0)
            let toSlot := add(callData, 0x10)
            let valueSlot := add(callData, 0x24)
            let first := payments.offset
            let end := add(first, shl(WORD_SHIFT, payments.length))
            if payments.length {
                for { let at := first } 1 {} {
                    let payment := calldataload(at)
                    mstore(toSlot, shl(RECIPIENT_TO_TOP, payment))
                    mstore(valueSlot, shr(ADDRESS_BITS, payment))
                    mstore(0, 0)
                    let ok := call(gas(), token, 0, callData, TRANSFER_ARGS, 0, WORD)
                    if iszero(and(ok, eq(mload(0), 1))) {
                        if iszero(ok) {
                            returndatacopy(callData, 0, returndatasize())
                            revert(callData, returndatasize())
                        }
                        fail(TOKEN_TRANSFER_FAILED, shr(WORD_SHIFT, sub(at, first)))
                    }
                    at := add(at, WORD)
                    if eq(at, end) {
                        break
                    }
                }
            }
        }
    }

    /// Sends back what is left of msg.value; never anything else this contract holds.
    function _refund(uint256 remaining) private {
        if (remaining > 0) {
            bool refunded;
            assembly ("memory-safe") {
                refunded := call(gas(), caller(), remaining, 0, 0, 0, 0)
            }
            if (!refunded) revert EtherTransferFailed(NO_RECIPIENT);
        }
    }

    /// transferFrom(caller, this, total), which must return true. Returns where the free memory
    /// starts, for the calls that follow.
    function _pullTotal(IERC20Transfers token, uint256 total) private returns (uint256 callData) {
        bool pulled;
        assembly ("memory-safe") {
            callData := mload(0x40)
            mstore(callData, shl(SELECTOR_SHIFT, TRANSFER_FROM))
            mstore(add(callData, 0x04), caller())
            mstore(add(callData, 0x24), address())
            mstore(add(callData, 0x44), total)
            mstore(0, 0)
            if iszero(call(gas(), token, 0, callData, TRANSFER_FROM_ARGS, 0, WORD)) {
                returndatacopy(callData, 0, returndatasize())
                revert(callData, returndatasize())
            }
            pulled := eq(mload(0), 1)
        }
        if (!pulled) revert TokenTransferFailed(NO_RECIPIENT);
    }
}
