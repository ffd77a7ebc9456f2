// SPDX-License-Identifier: UNLICENSED
// A contract recipient that refuses ETH, like a contract wallet without a payable receive function:
// any batch that pays it must be caught by simulation before signing.
pragma solidity 0.8.37;

contract EtherRejecter {
    receive() external payable {
        revert("EtherRejecter: no ETH accepted");
    }
}
