// SPDX-License-Identifier: UNLICENSED
// Benchmark baseline only: a GasliteDrop-style batch written from the public description of
// GasliteDrop's airdropERC20 and airdropETH (the cheapest public batch sender in public benchmarks):
// no lock, no checks beyond equal lengths and each call's success, loops in assembly over calldata.
// airdropERC20 pulls the caller-stated total into the contract with one transferFrom, then makes
// one transfer per recipient; it does not check that the amounts add up to that total nor what the
// token returns. airdropETH calls each recipient with its amount and refunds nothing. The app never
// deploys or calls it; bench/ measures our BatchPayout against it.
pragma solidity 0.8.37;

contract GasliteDropReference {
    uint256 private constant TRANSFER_FROM = 0x23b872dd;
    uint256 private constant TRANSFER = 0xa9059cbb;
    uint256 private constant SELECTOR_SHIFT = 224;

    function airdropERC20(
        address token,
        address[] calldata addresses,
        uint256[] calldata amounts,
        uint256 totalAmount
    ) external payable {
        assembly {
            if iszero(eq(addresses.length, amounts.length)) {
                revert(0, 0)
            }
            // Scratch memory from 0: nothing of Solidity's runs after this block.
            mstore(0x00, shl(SELECTOR_SHIFT, TRANSFER_FROM))
            mstore(0x04, caller())
            mstore(0x24, address())
            mstore(0x44, totalAmount)
            if iszero(call(gas(), token, 0, 0x00, 0x64, 0, 0)) {
                revert(0, 0)
            }
            mstore(0x00, shl(SELECTOR_SHIFT, TRANSFER))
            let toAmount := sub(amounts.offset, addresses.offset)
            let at := addresses.offset
            let end := add(at, shl(5, addresses.length))
            if addresses.length {
                for {} 1 {} {
                    mstore(0x04, calldataload(at))
                    mstore(0x24, calldataload(add(at, toAmount)))
                    if iszero(call(gas(), token, 0, 0x00, 0x44, 0, 0)) {
                        revert(0, 0)
                    }
                    at := add(at, 0x20)
                    if eq(at, end) {
                        break
                    }
                }
            }
        }
    }

    function airdropETH(address[] calldata addresses, uint256[] calldata amounts) external payable {
        assembly {
            if iszero(eq(addresses.length, amounts.length)) {
                revert(0, 0)
            }
            let toAmount := sub(amounts.offset, addresses.offset)
            let at := addresses.offset
            let end := add(at, shl(5, addresses.length))
            if addresses.length {
                for {} 1 {} {
                    if iszero(call(gas(), calldataload(at), calldataload(add(at, toAmount)), 0, 0, 0, 0)) {
                        revert(0, 0)
                    }
                    at := add(at, 0x20)
                    if eq(at, end) {
                        break
                    }
                }
            }
        }
    }
}
