// Runs in: renderer. Sizes an element to end at the bottom of the window, so a grid's last row and
// its scrollbar are on screen without scrolling the page; re-measured when the window or anything
// above the element changes size.
import { useLayoutEffect, type RefObject } from 'react'

export function useFillHeight(ref: RefObject<HTMLElement | null>, minHeight: number, bottomGap: number): void {
  useLayoutEffect(() => {
    const el = ref.current
    if (el === null) return
    const fit = (): void => {
      const top = el.getBoundingClientRect().top + window.scrollY
      const height = `${Math.max(minHeight, Math.floor(window.innerHeight - top - bottomGap))}px`
      if (el.style.height !== height) el.style.height = height
    }
    fit()
    // What sits above the element (notices, an open import panel) moves it: its screen's size says so.
    const observer = new ResizeObserver(fit)
    observer.observe(el.closest('.screen') ?? document.body)
    window.addEventListener('resize', fit)
    return () => {
      observer.disconnect()
      window.removeEventListener('resize', fit)
    }
  }, [ref, minHeight, bottomGap])
}
