// SPDX-License-Identifier: UNLICENSED
// A contract recipient that calls back into the batch contract while it is being paid, the way an
// attacker would try to reach ETH the batch still holds. The test sets the call to make. Either the
// failed call back fails the payment too (the batch must revert), or it is swallowed and its
// revert data kept, so a test can check that the re-entry itself was refused. With no call set it
// accepts ETH quietly, and it can also call the batch twice in one transaction (not a re-entry).
pragma solidity 0.8.37;

contract ReentrantRecipient {
    address private immutable batch;
    bytes private reentry;
    bool private swallowFailure;
    bool public reentered;
    bytes public reentryRevertData;

    constructor(address batch_) {
        batch = batch_;
    }

    function setReentry(bytes calldata data, bool swallow) external {
        reentry = data;
        swallowFailure = swallow;
    }

    /// Two separate calls to the batch contract, each with half of msg.value; both must succeed.
    function callBatchTwice(bytes calldata data) external payable {
        uint256 half = msg.value / 2;
        (bool first, ) = batch.call{value: half}(data);
        (bool second, ) = batch.call{value: msg.value - half}(data);
        require(first && second, "ReentrantRecipient: a call in the same transaction failed");
    }

    receive() external payable {
        if (reentry.length == 0) return;
        (bool ok, bytes memory revertData) = batch.call(reentry);
        reentered = ok;
        reentryRevertData = revertData;
        if (!ok && !swallowFailure) revert("ReentrantRecipient: re-entry refused");
    }
}
