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

    uint256 private locked;

    // Recipients receive ETH with a plain call; the lock keeps a recipient from re-entering while
    // the rest of msg.value is still held here.
    modifier nonReentrant() {
        if (locked != 0) revert Reentered();
        locked = 1;
        _;
        locked = 0;
    }

    function disperseEther(address[] calldata recipients, uint256[] calldata values) external payable nonReentrant {
        if (recipients.length != values.length) revert LengthMismatch();
        uint256 spent = 0;
        for (uint256 i = 0; i < recipients.length; ++i) {
            spent += values[i];
            (bool sent, ) = payable(recipients[i]).call{value: values[i]}("");
            if (!sent) revert EtherTransferFailed(i);
        }
        // Checked arithmetic: underflows (reverts) when the values add up to more than was sent.
        uint256 leftover = msg.value - spent;
        if (leftover > 0) {
            (bool refunded, ) = payable(msg.sender).call{value: leftover}("");
            if (!refunded) revert EtherTransferFailed(type(uint256).max);
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
        if (!token.transferFrom(msg.sender, address(this), total)) revert TokenTransferFailed(type(uint256).max);
        for (uint256 i = 0; i < recipients.length; ++i) {
            if (!token.transfer(recipients[i], values[i])) revert TokenTransferFailed(i);
        }
    }
}
