// SPDX-License-Identifier: UNLICENSED
// Forces ETH into an address without calling it: created with a value, it self-destructs in its
// constructor with `to` as the beneficiary. No receive function or revert can refuse ETH sent this
// way, so a contract that holds no funds between calls can still end up with a balance.
pragma solidity 0.8.37;

contract EtherForcer {
    constructor(address payable to) payable {
        selfdestruct(to);
    }
}
